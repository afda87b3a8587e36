"""Flask extensions, created unbound and initialised in create_app()."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_mail import Mail
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase, SessionTransaction

from .security.client_key import hashed_client_key

# Stable constraint names so Alembic migrations behave the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# The models' base class. Flask-SQLAlchemy builds ``db.Model`` (a subclass of Base) at run
# time, which a type checker cannot see; it checks the models against Base instead.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


@contextmanager
def savepoint() -> Iterator[SessionTransaction]:
    """``db.session.begin_nested()`` that stays inside the caller's transaction on SQLite too.

    The sqlite3 driver opens a transaction only before INSERT/UPDATE/DELETE, so a SAVEPOINT
    that comes first opens SQLite's own transaction, and its RELEASE commits everything so far
    (releasing the outermost savepoint commits). A report whose later steps failed, or whose
    worker was killed before its commit, was then left half stored. The transaction is begun
    explicitly first, so the caller's rollback, or a crash, undoes what the savepoint held.
    """
    begin_on_sqlite()
    with db.session.begin_nested() as nested:
        yield nested


def begin_on_sqlite(mode: str = "") -> None:
    """On SQLite, open the session's transaction now if the driver has not (``mode``:
    "IMMEDIATE" takes the write lock at once); nothing on other databases."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        driver_connection = connection.connection.dbapi_connection
        if driver_connection is not None and not driver_connection.in_transaction:
            connection.exec_driver_sql(f"BEGIN {mode}".strip())


migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
mail = Mail()


limiter = Limiter(key_func=hashed_client_key, default_limits=[])
