"""The citizen's public lookup page behind the slip's QR (``/tra-cuu?ma=CODE``).

``answer`` decides what a typed code shows, ``status`` puts a dossier's state in plain words,
``tallies`` counts every lookup and holds the rate limits, ``page`` serves the HTML.
"""
