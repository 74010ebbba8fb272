#!/bin/sh
# Entrypoint of the stand-in builder packed into test air-gap archives (busybox sh): with airgap=true it first
# fetches the Yum repository's index and the support VM certificate from airgap_ip, as the build VM would, and
# fails the way a build without packages does when it cannot; then it runs the fake builder unchanged.
# The port is fake_yum_port from the imageconfig (default 9000, the vendor's). busybox 1.35's wget crashes with
# -T, so timeout(1) bounds each download.
CONF=/home/imagebuilder/output/imageconfig
conf() {
    sed -n "s/^[[:space:]]*$1=//p" "$CONF" 2>/dev/null | tail -n 1 | sed -e "s/^'\(.*\)'\$/\1/" -e 's/^"\(.*\)"$/\1/'
}

if [ "$(conf airgap)" = true ]; then
    url="http://$(conf airgap_ip):$(p=$(conf fake_yum_port); echo "${p:-9000}")/rpmrepo"
    if timeout 10 wget -q -O /tmp/repomd.xml "$url/repodata/repomd.xml" && timeout 10 wget -q -O /tmp/server.crt "$url/server.crt"; then
        echo "airgap: Yum repository $url answers with $(grep -c '<package ' /tmp/repomd.xml) packages;" \
             "certificate: $(head -n 1 /tmp/server.crt)"
    else
        echo "airgap: no Yum repository answers at $url"
        echo "    vsphere: fatal: [default]: FAILED! => {\"msg\": \"Failed to download metadata for repo 'airgap': Cannot download repomd.xml\"}"
        exit 2
    fi
fi
exec /usr/local/bin/capi-fake-build "$@"
