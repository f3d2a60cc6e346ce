from pathlib import Path

from celery.beat import PersistentScheduler


class HeartbeatScheduler(PersistentScheduler):
    """Celery beat's file scheduler, touching ``<schedule>.heartbeat`` on every loop.

    Beat loops at least every ``beat_max_loop_interval`` seconds, so a heartbeat file
    older than a few of those means beat is hung or gone: the compose health check
    reads its age.
    """

    def setup_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()

    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        Path(f"{self.schedule_filename}.heartbeat").touch()
        return interval
