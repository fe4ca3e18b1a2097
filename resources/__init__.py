"""Counter's shipped files: fonts, form labels, the seed catalogue and the translations.

Installed as the package ``counter_resources`` (setup.cfg maps it to this folder) and read through
``importlib.resources``; see ``counter_app.resources``.
"""
