"""vngov-ie: structured data from Vietnamese government and Party news.

    >>> import pipeline
    >>> art = pipeline.extract("Đồng chí Nguyễn Văn A – Bí thư Huyện ủy chủ trì.", id="demo")
    >>> art.to_dict()["id"]
    'demo'

Nothing heavy is imported here: models and lexicons load on first use.
"""
__version__ = "0.3.0"

__all__ = ["extract", "extract_many", "__version__"]


def extract(text, **meta):
    """Extract one article from its raw text (see `pipeline.core.extract`)."""
    from .core import extract as _extract

    return _extract(text, **meta)


def extract_many(items, **options):
    """Stream articles (see `pipeline.core.extract_many`)."""
    from .core import extract_many as _extract_many

    return _extract_many(items, **options)
