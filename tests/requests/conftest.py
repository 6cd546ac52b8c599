from tests.disclosure.conftest import public

__all__ = ["public"]
