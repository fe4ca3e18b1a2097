"""The central server (FastAPI) that stations sync with."""
