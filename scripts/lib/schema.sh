# The database's current shape as docs/schema.sql holds it (sourced after common.sh).

# Prints the schema of migrated database $2 on the cluster at socket $1: pg_dump's
# schema-only text (every table, constraint, function, trigger, view, policy and grant)
# without what differs between dumps of one schema: the dump's versions, its random
# \restrict key, owners, and the database's name in the names of its groups and logins.
# scripts/schema writes it; SchemaFileTests compares it with a fresh migration's.
describe_schema() {
    local socket=$1 database=$2
    echo "-- The newsroom's database as the migrations leave it: every table, function, trigger,"
    echo "-- view, policy and grant as it is now, whichever migration made it last. Written by"
    echo "-- scripts/schema (pg_dump --schema-only of a freshly migrated newsroom); do not edit:"
    echo "-- change the schema with a new migration, then run scripts/schema (docs/database.md)."
    "$(pg_bindir)/pg_dump" --schema-only --no-owner -h "$socket" -U newsroom -d "$database" \
        | sed -E -e '/^\\(restrict|unrestrict) /d' -e '/^-- Dumped (from|by) /d' -e "s/\b${database}_/newsroom_/g"
}
