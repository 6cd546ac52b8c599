"""aerich migrations, one folder per dialect (``sqlite/models``, ``postgres/models``)."""
