"""Settings: limits and paths, from the environment (prefix DONDOC_) or given explicitly.

Nothing reads the environment at import time: callers ask for `load_settings()` and pass
the result down, so tests and the web app can run with their own settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

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
    # what reading one file may take; a file that needs more is refused with
    # E_INPUT_TOO_COMPLEX (limits of the reader, checked before decoding where they can be)
    max_image_pixels: int = 40_000_000  # an image's width × height (its header, or its PDF dictionary)
    max_render_pixels: int = 40_000_000  # a scanned page rendered for OCR (at a lower resolution first)
    max_ocr_pages: int = 100  # pages read by OCR in one file
    max_stream_bytes: int = 128 * 1024 * 1024  # one PDF stream, inflated
    max_inflated_bytes: int = 512 * 1024 * 1024  # all of a PDF's streams, inflated
    max_docx_xml_bytes: int = 32 * 1024 * 1024  # one XML part of a DOCX, inflated
    max_docx_paragraphs: int = 100_000
    # the text read from any file: what the extractor may be given (its time and memory
    # grow with both; a directive of a thousand pages has about 3 million characters)
    max_text_chars: int = 3_000_000
    max_text_lines: int = 200_000
    # every file is read in a child process that may use this much memory (address space)
    # and time; its OCR processes each get the same memory limit
    read_memory_mb: int = 384
    read_timeout_seconds: int = 900
    # web: scans and PDFs read at once per server process (texts and DOCX have a reader of
    # their own, so they never wait behind a scan)
    readers: int = 2
    # background work (reading uploads): "in-process" runs it in threads of the server
    # (the embedded install); "workers" leaves it to `dondoc worker` processes, on this
    # machine or others, which share the queue through the database (PostgreSQL)
    background: Literal["in-process", "workers"] = "in-process"
    # a job whose worker has not said it is alive for this long is taken up by another
    # (its worker says so every sixth of it)
    job_lease_seconds: int = 60
    # Tesseract languages for scanned pages; ocr=False leaves pages without text unread
    ocr_languages: str = "vie"
    ocr: bool = True
    # where dondoc keeps its SQLite database and the files it stores (sources, evidence)
    data_dir: Path = Path.home() / ".local" / "share" / "dondoc"
    # where stored files (originals, evidence) are kept: "folder" (data_dir/blobs) or
    # "database" (its stored_files table: what several machines reach without a shared
    # mount; PostgreSQL only)
    file_store: Literal["folder", "database"] = "folder"
    # SQLAlchemy URL; empty means the SQLite file `dondoc.sqlite3` in data_dir
    database_url: str = ""
    # a task is "due soon" when its deadline is at most this many days ahead
    due_soon_days: int = 7

    # web: the key that signs session cookies. Empty: a key of this install's own, made on
    # first start and kept in data_dir/secret_key (0600); `env=production` refuses to start
    # without one set here (several servers must share it)
    secret_key: str = ""
    env: Literal["dev", "production"] = "dev"
    # served over HTTPS (Secure cookies, HSTS); unset: yes in production, no in dev
    https: bool | None = None
    # a login lasts at most session_hours, and ends after session_idle_minutes unused
    session_hours: int = 12
    session_idle_minutes: int = 120
    # API tokens expire after this many days, unless made with another term
    token_days: int = 90
    # failed logins from one address for one account before each further try waits,
    # twice as long each time (1 s, 2 s, 4 s … at most 15 minutes)
    login_attempts: int = 5

    # đôn đốc: where the links in reminders point (the address users open dondoc at)
    public_url: str = "http://127.0.0.1:8000"
    # e-mail over SMTP; no host: reminders go in the app (and the webhook) only
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "dondoc@localhost"
    smtp_security: Literal["none", "starttls", "tls"] = "none"
    smtp_timeout_seconds: float = 30.0
    # a JSON POST per digest, signed with HMAC-SHA256 of its body under webhook_secret,
    # for a chat bot (Zalo OA, Telegram) to pass on; no URL: none
    webhook_url: str = ""
    webhook_secret: str = ""
    # delivery attempts of one message within a run (webhook: waiting 1, 2, 4 … × the
    # backoff between them); one still failing is tried again by the next run, up to
    # delivery_max_attempts in all, then left "failed" for the office to see
    delivery_attempts: int = 3
    delivery_backoff_seconds: float = 1.0
    delivery_max_attempts: int = 9
    # the server's own reminder run: queued every reminder_check_minutes for a worker
    # (0: never; run `dondoc remind` from cron instead), sent within the sending hours
    reminder_check_minutes: int = 15

    # operations: logs of `serve` and `worker` as JSON lines or text (unset: JSON in
    # production), at this level; /metrics only with this bearer token (unset: only to
    # a client on the same machine)
    log_format: Literal["json", "text"] | None = None
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    metrics_token: str = ""

    @property
    def over_https(self) -> bool:
        return self.https if self.https is not None else self.env == "production"

    def resolved_log_format(self) -> Literal["json", "text"]:
        return self.log_format or ("json" if self.env == "production" else "text")

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'dondoc.sqlite3'}"


def load_settings() -> Settings:
    return Settings()
