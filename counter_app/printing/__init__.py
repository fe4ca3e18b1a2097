"""Printed forms (reportlab) and print dispatch."""
