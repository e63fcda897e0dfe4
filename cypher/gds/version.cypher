// Whether Graph Data Science is installed on this server, and which version.
RETURN gds.version() AS version
