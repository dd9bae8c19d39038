"""Settings: limits and paths, from the environment (prefix DONDOC_) or given explicitly.

Nothing reads the environment at import time: callers ask for `load_settings()` and pass
the result down, so tests and the web app can run with their own settings.
"""

from __future__ import annotations

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DONDOC_", extra="ignore")

    # any input file: refused before it is read when larger
    max_input_bytes: int = 50 * 1024 * 1024
    # PDF: a document with more pages is refused (a directive has tens, not thousands)
    max_pages: int = 500
    # DOCX: a zip whose parts would inflate beyond this, or by more than this ratio, is a bomb
    max_docx_uncompressed_bytes: int = 200 * 1024 * 1024
    max_docx_ratio: int = 200
    # Tesseract languages for scanned pages; ocr=False leaves pages without text unread
    ocr_languages: str = "vie"
    ocr: bool = True


def load_settings() -> Settings:
    return Settings()
