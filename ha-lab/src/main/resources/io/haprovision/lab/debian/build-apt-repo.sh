#!/bin/sh
# ha-provision LAB helper (runs on the lab host, not in a node): builds the lab's offline apt
# repository from packages installed on this host, so lab nodes can `apt-get install` them
# without any network.
#
#   build-apt-repo.sh OUTDIR PACKAGE...
#
# Each PACKAGE that is installed here is packed again into OUTDIR/NAME_VERSION_ARCH.deb from
# its installed files, control data and maintainer scripts (what dpkg recorded in
# /var/lib/dpkg), so the version matches what the host, and so the nodes' overlay, has
# installed. Packages not installed here are skipped and listed on stderr. OUTDIR then gets a
# flat repository index (Packages, Packages.gz, Release) for
#   deb [trusted=yes] file:/PATH ./
# Needs dpkg-query, dpkg-deb, gzip, md5sum, sha256sum; nothing of dpkg-dev or apt-utils.
set -eu
out=$1
shift
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
infodir=/var/lib/dpkg/info

for pkg in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
    case $status in
        ii*) ;;
        *) echo "build-apt-repo: $pkg is not installed on this host; the lab repository leaves it out" >&2; continue ;;
    esac
    arch=$(dpkg-query -W -f='${Architecture}' "$pkg")
    version=$(dpkg-query -W -f='${Version}' "$pkg")
    info=$infodir/$pkg
    [ -e "$info.list" ] || info=$infodir/$pkg:$arch
    tree=$work/$pkg
    mkdir -p "$tree/DEBIAN"
    # the installed files; directories are created with the host's modes (a directory the
    # host has as a symlink, such as /lib with merged /usr, is packed as a directory, as
    # dpkg itself would see it, and dpkg keeps the node's symlink on unpack)
    while IFS= read -r path; do
        [ "$path" = "/." ] && continue
        if [ -d "$path" ]; then
            mkdir -p "$tree$path"
            chmod "$(stat -c %a "$path")" "$tree$path"
        elif [ -e "$path" ] || [ -L "$path" ]; then
            mkdir -p "$tree$(dirname "$path")"
            cp -a "$path" "$tree$path"
        fi
    done < "$info.list"
    # control: what dpkg keeps, without the fields of the installed state
    dpkg-query -s "$pkg" | awk '
        /^(Status|Conffiles|Config-Version):/ { skip = 1; next }
        /^[^ ]/ { skip = 0 }
        !skip' > "$tree/DEBIAN/control"
    for script in preinst postinst prerm postrm config triggers conffiles shlibs symbols templates; do
        if [ -f "$info.$script" ]; then
            cp "$info.$script" "$tree/DEBIAN/$script"
        fi
    done
    # a conffile that the host removed cannot be packed; drop it from the list
    if [ -f "$tree/DEBIAN/conffiles" ]; then
        while IFS= read -r c; do
            case $c in remove-on-upgrade*) continue ;; esac
            [ -e "$tree$c" ] && echo "$c"
        done < "$tree/DEBIAN/conffiles" > "$work/conffiles"
        mv "$work/conffiles" "$tree/DEBIAN/conffiles"
        [ -s "$tree/DEBIAN/conffiles" ] || rm -f "$tree/DEBIAN/conffiles"
    fi
    file=$(printf '%s_%s_%s.deb' "$pkg" "$(echo "$version" | sed 's/^[0-9]*://')" "$arch")
    dpkg-deb --root-owner-group -Zgzip -z1 --build "$tree" "$out/$file" >/dev/null
done

# the flat index: each package's control plus where it is and its checksums
: > "$out/Packages"
for deb in "$out"/*.deb; do
    [ -e "$deb" ] || continue
    name=${deb##*/}
    {
        dpkg-deb -f "$deb"
        echo "Filename: ./$name"
        echo "Size: $(stat -c %s "$deb")"
        echo "MD5sum: $(md5sum "$deb" | cut -d' ' -f1)"
        echo "SHA256: $(sha256sum "$deb" | cut -d' ' -f1)"
        echo
    } >> "$out/Packages"
done
gzip -9nc "$out/Packages" > "$out/Packages.gz"
{
    echo "Origin: ha-provision-lab"
    echo "Label: ha-provision lab packages (offline)"
    echo "Suite: lab"
    echo "Codename: lab"
    echo "Date: $(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')"
    echo "Description: packages of the lab host, packed again for offline installs in lab nodes"
    echo "MD5Sum:"
    for f in Packages Packages.gz; do
        echo " $(md5sum "$out/$f" | cut -d' ' -f1) $(stat -c %s "$out/$f") $f"
    done
    echo "SHA256:"
    for f in Packages Packages.gz; do
        echo " $(sha256sum "$out/$f" | cut -d' ' -f1) $(stat -c %s "$out/$f") $f"
    done
} > "$out/Release"
