#!/bin/sh
# Installs the Scope Cloud probe from the service that served this script (issue 20):
#
#   curl -fsSL @SERVICE_URL@/install.sh | sudo sh -s -- --service-token=<token>
#
# Options:
#   --service-token=<token>  the org's probe token (or $SCOPE_SERVICE_TOKEN); it is written to
#                            $PREFIX/lib/scope-cloud/token, mode 600, never to a command line
#   --service-url=<url>      the service to report to (default: the one that served this script)
#   --systemd                install and enable scope-cloud-probe.service, so the probe comes back
#                            after a reboot (when systemctl exists)
#   --install-java           install the distribution's Java 17 runtime when Java 17+ is missing
#   --prefix=<dir>           install under <dir>/lib/scope-cloud and <dir>/bin/scope (/usr/local)
#   --state-dir=<dir>, --probe.<flag>=<value>
#                            passed on to `scope launch`
#
# The probe jar and the scope script come from <service>/install/ ($SCOPE_INSTALL_BASE overrides
# it) and are checked against the SHA-256 sums below before anything is installed.
# `scope uninstall` removes everything this script installs.
set -eu

service_url='@SERVICE_URL@'
version='@VERSION@'
scope_sha256='@SCOPE_SHA256@'
jar_sha256='@JAR_SHA256@'

token=${SCOPE_SERVICE_TOKEN:-}
prefix=/usr/local
systemd=false
install_java=false
probe_flags=""
unit_dir=${SCOPE_SYSTEMD_DIR:-/etc/systemd/system}
unit=scope-cloud-probe.service

say() {
    echo "install.sh: $*" >&2
}

die() {
    say "$*"
    exit 1
}

no_spaces() {
    case "$2" in
        *[[:space:]]*) die "$1 must not contain spaces" ;;
    esac
}

for arg in "$@"; do
    case "$arg" in
        --service-token=*) token=${arg#*=} ;;
        --service-url=*) service_url=${arg#*=} ;;
        --systemd) systemd=true ;;
        --install-java) install_java=true ;;
        --prefix=*) prefix=${arg#*=} ;;
        --state-dir=* | --probe.*=*)
            no_spaces "$arg" "$arg"
            probe_flags="$probe_flags $arg"
            ;;
        -h | --help)
            echo "usage: sh install.sh --service-token=<token> [--service-url=<url>] [--systemd] [--install-java] [--prefix=<dir>] [--state-dir=<dir>] [--probe.<flag>=<value>]"
            exit 0
            ;;
        *) die "unknown option $arg (the options are listed at the top of $service_url/install.sh)" ;;
    esac
done

if [ -z "$token" ]; then
    die "no probe token: pass --service-token=<token> (create one on the tokens page of $service_url)"
fi
no_spaces "the token" "$token"
no_spaces "--prefix" "$prefix"
no_spaces "--service-url" "$service_url"
service_url=${service_url%/}
base=${SCOPE_INSTALL_BASE:-$service_url/install}
base=${base%/}

java_command() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        echo "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    fi
}

# The feature release of a java command: 17 for "17.0.9", 1 for "1.8.0_392".
java_major() {
    "$1" -version 2>&1 | sed -n 's/.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1
}

has_java17() {
    java=$(java_command)
    [ -n "$java" ] || return 1
    major=$(java_major "$java")
    [ -n "$major" ] && [ "$major" -ge 17 ]
}

install_jre() {
    if command -v apt-get >/dev/null 2>&1; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless
    elif command -v dnf >/dev/null 2>&1; then
        dnf install -y java-17-openjdk-headless
    elif command -v yum >/dev/null 2>&1; then
        yum install -y java-17-openjdk-headless
    else
        die "--install-java knows apt-get, dnf and yum, and found none: install Java 17 or newer yourself"
    fi
}

if ! has_java17; then
    if [ "$install_java" = true ]; then
        say "Java 17 or newer is missing: installing the distribution's Java 17 runtime"
        install_jre
        has_java17 || die "Java 17 was installed but java still is not Java 17 or newer; check JAVA_HOME and PATH"
    else
        die "the probe needs Java 17 or newer, and this host has none (java on the PATH or \$JAVA_HOME/bin/java).
Install it (Debian, Ubuntu: apt-get install openjdk-17-jre-headless; Fedora, RHEL: dnf install java-17-openjdk-headless),
or run this script again with --install-java to have it do that."
    fi
fi

fetch() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL -o "$2" "$1" || die "could not download $1"
    elif command -v wget >/dev/null 2>&1; then
        wget -q -O "$2" "$1" || die "could not download $1"
    else
        die "curl or wget is needed to download the probe"
    fi
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | cut -d ' ' -f 1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | cut -d ' ' -f 1
    else
        die "sha256sum or shasum is needed to check the download"
    fi
}

# verify FILE EXPECTED-SHA256 NAME: stops the install unless FILE's SHA-256 is the expected one.
verify() {
    actual=$(sha256_of "$1")
    if [ "$actual" != "$2" ]; then
        die "SHA-256 mismatch for $3: expected $2, got $actual. Nothing was installed."
    fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fetch "$base/scope" "$tmp/scope"
fetch "$base/probe-$version.jar" "$tmp/scope-probe.jar"
verify "$tmp/scope" "$scope_sha256" "scope"
verify "$tmp/scope-probe.jar" "$jar_sha256" "probe-$version.jar"

lib="$prefix/lib/scope-cloud"
# The directories this install makes, deepest first, for `scope uninstall` to remove when empty.
created=""
for dir in "$prefix" "$prefix/lib" "$prefix/bin" "$lib"; do
    [ -d "$dir" ] || created="$dir $created"
done
if [ -x "$prefix/bin/scope" ] && [ -f "$lib/scope-probe.jar" ]; then
    say "stopping the probe installed before"
    # shellcheck disable=SC2086 # the flags are words without spaces
    "$prefix/bin/scope" stop $probe_flags >/dev/null 2>&1 || true
    if [ -f "$lib/created-dirs" ]; then
        created="$created $(cat "$lib/created-dirs")"
    fi
fi
mkdir -p "$lib" "$prefix/bin"
chmod 755 "$lib"
cp "$tmp/scope-probe.jar" "$lib/scope-probe.jar"
chmod 644 "$lib/scope-probe.jar"
(
    umask 077
    printf '%s\n' "$token" >"$lib/token.new"
)
chmod 600 "$lib/token.new"
mv "$lib/token.new" "$lib/token"
echo "$created" >"$lib/created-dirs"
cp "$tmp/scope" "$prefix/bin/scope.new"
chmod 755 "$prefix/bin/scope.new"
mv "$prefix/bin/scope.new" "$prefix/bin/scope"
say "installed the probe $version in $lib and $prefix/bin/scope"

if [ "$systemd" = true ] && command -v systemctl >/dev/null 2>&1; then
    # systemd reads % as a specifier: %% is a literal one.
    exec_start=$(printf '%s' "$prefix/bin/scope run --service-url=$service_url$probe_flags" | sed 's/%/%%/g')
    mkdir -p "$unit_dir"
    cat >"$unit_dir/$unit" <<UNIT
[Unit]
Description=Scope Cloud probe (installed by $service_url/install.sh; scope uninstall removes it)
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=$exec_start
Restart=always
RestartSec=5

[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable "$unit"
    systemctl restart "$unit"
    say "the probe runs as $unit; scope status says whether its reports get through"
else
    if [ "$systemd" = true ]; then
        say "--systemd: no systemctl on this host, so no unit was installed; the probe will not come back after a reboot"
    fi
    # shellcheck disable=SC2086 # the flags are words without spaces
    "$prefix/bin/scope" launch --service-url="$service_url" $probe_flags
fi
say "done: scope status shows the probe's state, scope uninstall removes it"
