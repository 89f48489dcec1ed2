"""Compatibility: the formats moved into :mod:`framing.output`; remove once nothing imports this."""

from __future__ import annotations

from framing.output.json_csv import csv_row, document_json, frame_json
from framing.types import outlet_name

__all__ = ["csv_row", "document_json", "frame_json", "outlet_name"]
