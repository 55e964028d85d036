// The server's name, versions and edition: checked (Neo4j 5 or later) before anything else is run.
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
