#!/bin/sh
# Make the base image every other image builds FROM, without a container registry.
#
# When a registry answers, the upstream Debian image is simply tagged. Otherwise the
# root filesystem is made from Debian packages with debootstrap (mirror and security
# mirror read from this host's own apt sources at build time) and loaded with
# `docker import`. Usage: mkbase.sh IMAGE_TAG [SUITE]
set -eu
tag="$1"
suite="${2:-bookworm}"

if docker pull -q "debian:${suite}-slim" >/dev/null 2>&1; then
    docker tag "debian:${suite}-slim" "$tag"
    echo "base: tagged upstream debian:${suite}-slim as $tag"
    exit 0
fi

# First "URIs:" (deb822) or "deb URL" (one-line format) of the host, for a given path part.
host_mirror() {
    want="$1"
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v w="$want" \
        '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i ~ w"/?$") { print $i; exit } }' | head -n1
}
host_mirror_legacy() {
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk -v w="$1" \
        '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ "^(http|https|file)://" && $i ~ w"/?$") { print $i; exit } }' | head -n1
}
mirror="${CODELAB_DEBIAN_MIRROR:-$(host_mirror '/debian')}"
[ -n "$mirror" ] || mirror="$(host_mirror_legacy '/debian')"
security="${CODELAB_DEBIAN_SECURITY_MIRROR:-$(host_mirror '/debian-security')}"
[ -n "$security" ] || security="$(host_mirror_legacy '/debian-security')"
if [ -z "$mirror" ]; then
    echo "base: no Debian mirror found in /etc/apt/sources*; set CODELAB_DEBIAN_MIRROR" >&2
    exit 1
fi
command -v debootstrap >/dev/null || {
    echo "base: debootstrap is missing; install it with: apt-get install debootstrap" >&2
    exit 1
}

root="$(mktemp -d /tmp/codelab-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
echo "base: debootstrap $suite from $mirror"
debootstrap --variant=minbase --include=ca-certificates "$suite" "$root" "$mirror" >"$root.log" 2>&1 || {
    tail -n 20 "$root.log" >&2
    echo "base: debootstrap failed (log above)" >&2
    exit 1
}
rm -f "$root.log"
{
    echo "deb $mirror $suite main"
    echo "deb $mirror $suite-updates main"
    [ -z "$security" ] || echo "deb $security $suite-security main"
} >"$root/etc/apt/sources.list"
# Same slimming as the official image: no package lists, no apt cache.
printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$root/etc/apt/apt.conf.d/90codelab"
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb
tar -C "$root" -c . | docker import \
    --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - "$tag" >/dev/null
echo "base: imported $tag"
