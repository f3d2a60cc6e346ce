"""CSV downloads streamed row by row, so memory stays flat however many rows."""

import csv

from django.http import StreamingHttpResponse


class _Line:
    """csv.writer's file: each row comes back as the text to stream."""

    def write(self, text):
        return text


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula is quoted (CSV formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _lines(header, rows):
    writer = csv.writer(_Line(), delimiter=";")
    yield "\ufeff"  # Excel reads UTF-8 with æøå correctly only with a BOM
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([spreadsheet_safe(value) for value in row])


def streamed_csv(header, rows, *, filename):
    """A download of ``rows`` (an iterable of lists, read lazily) under ``header``;
    every cell is made spreadsheet-safe."""
    response = StreamingHttpResponse(_lines(header, rows),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
