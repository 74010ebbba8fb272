#!/bin/sh
# Stand-in for the vendor's yum-repo image (busybox sh). Like the real one it indexes the folder mounted at
# /var/www/html/rpmrepo, printing createrepo_c's progress lines ending in "Pool finished", then serves
# /var/www/html over HTTP on port 80. Marker files in the mounted folder choose other behaviour (tests):
#   .fake-yum-never-ready   stops after "Pool started" and never becomes ready
#   .fake-yum-fail          exits 1 with a createrepo_c error instead of indexing
REPO=/var/www/html/rpmrepo
PORT=${FAKE_YUM_LISTEN_PORT:-80}
HTTPD=

on_term() {
    [ -n "$HTTPD" ] && kill "$HTTPD" 2>/dev/null
    echo "yum-repo: terminated"
    exit 0
}
trap on_term TERM INT
# sleep in the background so a trapped SIGTERM is handled at once
pause() { sleep "$1" & wait $!; }

if [ ! -d "$REPO" ]; then
    echo "C_CREATEREPOLIB: Critical: Directory $REPO doesn't exist" >&2
    exit 1
fi
echo "Directory walk started"
count=$(find "$REPO" -name '*.rpm' | wc -l)
echo "Directory walk done - $count packages"
if [ -e "$REPO/.fake-yum-fail" ]; then
    echo "C_CREATEREPOLIB: Critical: Cannot open $REPO/.repodata/: Permission denied" >&2
    exit 1
fi
echo "Temporary output repo path: $REPO/.repodata/"
echo "Preparing sqlite DBs"
echo "Pool started (with 5 workers)"
if [ -e "$REPO/.fake-yum-never-ready" ]; then
    while :; do pause 1; done
fi

rm -rf "$REPO/.repodata" && mkdir -p "$REPO/.repodata" || exit 1
{
    echo '<?xml version="1.0" encoding="UTF-8"?>'
    echo "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"><revision>$(date +%s)</revision>"
    find "$REPO" -name '*.rpm' | sed "s|^$REPO/||" | sort | sed 's|.*|  <package href="&"/>|'
    echo '</repomd>'
} > "$REPO/.repodata/repomd.xml"
rm -rf "$REPO/repodata" && mv "$REPO/.repodata" "$REPO/repodata" || exit 1
echo "Pool finished"

httpd -f -p "$PORT" -h /var/www/html &
HTTPD=$!
wait "$HTTPD"
