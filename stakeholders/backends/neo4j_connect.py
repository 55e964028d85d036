"""Connecting to Neo4j, checking the server, and turning driver errors into one clear message each.

Every call into the driver runs inside :func:`neo4j_errors`, which maps:

- server unreachable (refused, unknown host, lost connection) -> ``ExitCode.NEO4J_UNREACHABLE``
- wrong user or password (or too many attempts) -> ``ExitCode.NEO4J_AUTH``
- unknown database -> ``ExitCode.NEO4J_DATABASE``
- a server older than Neo4j 5 -> ``ExitCode.NEO4J_VERSION``

The password is never part of a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_exceptions

from stakeholders import cypher
from stakeholders.backends.base import Neo4jSettings
from stakeholders.errors import ExitCode, StakeholdersError, UsageError

MIN_MAJOR_VERSION = 5
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
CONNECTION_TIMEOUT = 10.0  # seconds to wait for a server to answer
_DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
_AUTH_CODES = ("Neo.ClientError.Security.Unauthorized", "Neo.ClientError.Security.AuthenticationRateLimit")


class Neo4jError(StakeholdersError):
    """The server cannot be used: unreachable, wrong credentials, unknown database, too old."""


def where(settings: Neo4jSettings) -> str:
    """The server and database, as messages name them (never the password)."""
    return f"{settings.uri} (database {settings.database!r})"


@contextmanager
def neo4j_errors(settings: Neo4jSettings) -> Iterator[None]:
    """Turn the driver's connection, authentication and database errors into :class:`Neo4jError`."""
    try:
        yield
    except neo4j_exceptions.AuthError as error:
        reason = "too many failed attempts; wait a few seconds" if "RateLimit" in (error.code or "") else ""
        raise Neo4jError(
            f"Neo4j at {settings.uri} refused the user {settings.user!r}: wrong user or password"
            + (f" ({reason})" if reason else "")
            + "; check --user and NEO4J_PASSWORD",
            ExitCode.NEO4J_AUTH,
        ) from None
    except neo4j_exceptions.ClientError as error:
        if error.code == _DATABASE_NOT_FOUND:
            raise Neo4jError(
                f"Neo4j at {settings.uri} has no database {settings.database!r}; check --database "
                "(SHOW DATABASES lists them; Neo4j Community has one user database, usually 'neo4j')",
                ExitCode.NEO4J_DATABASE,
            ) from None
        if error.code in _AUTH_CODES:
            raise Neo4jError(
                f"Neo4j at {settings.uri} refused the user {settings.user!r}; check --user and NEO4J_PASSWORD",
                ExitCode.NEO4J_AUTH,
            ) from None
        raise Neo4jError(f"Neo4j at {settings.uri} refused a query: {error.message or error.code}") from None
    except (neo4j_exceptions.ServiceUnavailable, neo4j_exceptions.SessionExpired) as error:
        raise Neo4jError(
            f"cannot reach Neo4j at {settings.uri}: {_first_line(error)}; is the server running and is the "
            "address right (--uri or NEO4J_URI)?",
            ExitCode.NEO4J_UNREACHABLE,
        ) from None
    except neo4j_exceptions.UnsupportedServerProduct:
        raise Neo4jError(
            f"the server at {settings.uri} is not a Neo4j server this tool can use (Neo4j 5 or later needed)",
            ExitCode.NEO4J_VERSION,
        ) from None
    except neo4j_exceptions.Neo4jError as error:
        # Anything else the server refuses (memory limits, a database being stopped, ...): its own words.
        raise Neo4jError(f"Neo4j at {settings.uri} failed: {error.message or error.code}", ExitCode.ERROR) from None


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    reason = re.search(r"\(reason (.*)\)\s*$", text[-1]) if text else None
    return reason.group(1) if reason else (text[0] if text else type(error).__name__)


def open_driver(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver for ``settings``, checked: the server answers, accepts the credentials, has the database
    and runs Neo4j 5 or later.

    Raises
    ------
    UsageError
        When the address is not a Bolt or Neo4j URI.
    Neo4jError
        When the server is unreachable, refuses the credentials, lacks the database or is too old.
    """
    scheme = urlsplit(settings.uri).scheme.lower()
    if scheme not in SCHEMES:
        raise UsageError(
            f"not a Neo4j address: {settings.uri!r}; give bolt://HOST:7687 or neo4j://HOST:7687 "
            f"(schemes: {', '.join(SCHEMES)})"
        )
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.user, settings.password),
            connection_timeout=CONNECTION_TIMEOUT,
            notifications_min_severity="OFF",
            user_agent="stakeholders",
        )
    except (ValueError, neo4j_exceptions.ConfigurationError) as error:
        raise UsageError(f"not a usable Neo4j address: {settings.uri!r} ({error})") from None
    try:
        with neo4j_errors(settings):
            driver.verify_connectivity()
            check_server(driver, settings)
    except BaseException:
        driver.close()
        raise
    return driver


def check_server(driver: neo4j.Driver, settings: Neo4jSettings) -> str:
    """The server's version; refuses a server older than Neo4j 5 (and an unknown database).

    Raises
    ------
    Neo4jError
    """
    with driver.session(database=settings.database) as session:
        records = list(cypher.query("server/components").run(session))
    versions = [v for record in records if record["name"] == "Neo4j Kernel" for v in record["versions"]]
    version = versions[0] if versions else driver.get_server_info().agent.partition("/")[2]
    major = re.match(r"\d+", version)
    if major is None or int(major.group()) < MIN_MAJOR_VERSION:
        raise Neo4jError(
            f"Neo4j at {settings.uri} is version {version or 'unknown'}; this tool needs Neo4j "
            f"{MIN_MAJOR_VERSION} or later (5.26 LTS is tested)",
            ExitCode.NEO4J_VERSION,
        )
    return version
