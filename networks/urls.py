from django.urls import path

from networks.views import catalogue, community, sharing

app_name = "networks"

urlpatterns = [
    path("delinger/", sharing.share_list, name="share_list"),
    path("delinger/ny/<int:pk>/", sharing.share_create, name="share_create"),
    path("delinger/<int:pk>/svar/", sharing.share_answer, name="share_answer"),
    path("delinger/<int:pk>/tilbagekald/", sharing.share_end, name="share_end"),
    path("overdragelser/", sharing.transfer_list, name="transfer_list"),
    path("overdragelser/ny/<int:pk>/", sharing.transfer_create, name="transfer_create"),
    path("overdragelser/<int:pk>/svar/", sharing.transfer_accept, name="transfer_accept"),
    path("overdragelser/<int:pk>/afvis/", sharing.transfer_reject, name="transfer_reject"),
    path("overdragelser/<int:pk>/traek-tilbage/", sharing.transfer_withdraw,
         name="transfer_withdraw"),
    path("opslag/", sharing.foreign_reads, name="foreign_reads"),
    path("netvaerk/", community.network_list, name="network_list"),
    path("netvaerk/nyt/", community.network_create, name="network_create"),
    path("netvaerk/<int:pk>/", community.network_detail, name="network_detail"),
    path("netvaerk/<int:pk>/medlemmer/", community.network_members, name="network_members"),
    path("netvaerk/<int:pk>/medlemskab/", community.network_join, name="network_join"),
    path("netvaerk/<int:pk>/moeder/nyt/", community.meeting_edit, name="meeting_create"),
    path("netvaerk/<int:pk>/moeder/<int:meeting_pk>/", community.meeting_edit,
         name="meeting_update"),
    path("katalog/", catalogue.solution_list, name="solution_list"),
    path("katalog/ny/", catalogue.solution_create, name="solution_create"),
    path("katalog/<int:pk>/", catalogue.solution_detail, name="solution_detail"),
    path("katalog/<int:pk>/rediger/", catalogue.solution_update, name="solution_update"),
    path("katalog/<int:pk>/bilag/", catalogue.attachment_create, name="attachment_create"),
    path("katalog/bilag/<int:pk>/", catalogue.attachment_download, name="attachment_download"),
]
