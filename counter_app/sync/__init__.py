"""Sync with the central server: wire protocol and client."""
