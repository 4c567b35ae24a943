"""Team sync: each officer's workspace synced through the team's PostgreSQL copy (psycopg 3).

`registry` says which tables are shared and how they merge; `tracking` notes what changed locally;
`rows` turns rows into what travels (references as UUIDs); `local` reads and writes the workspace's
side; `server` is the PostgreSQL side; `engine` runs one sync; `bulk` uploads and joins.
"""
