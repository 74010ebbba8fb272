#!/bin/sh
# The OVA step of the real-Packer test image (the shell-local post-processor named `vsphere`, as in KIB).
# The simulator cannot export an OVF, so this first writes what the export would have left (<vm>.ovf and
# <vm>-disk-0.vmdk), then the OVA set KIB's image-build-ova.py writes: <name>.ovf, .mf, .ova (a tar of
# ovf, mf and vmdk) and .ova.sha256 (the bare hex digest), printing its `image-build-ova:` lines.
#   image-build-ova.sh OUTPUT_DIR VM_NAME OVA_NAME
set -eu
dir=$1 vm=$2 name=$3
cd "$dir"
echo "image-build-ova: cd $dir"
dd if=/dev/urandom of="$vm-disk-0.vmdk" bs=65536 count=16 2>/dev/null
printf '<?xml version="1.0" encoding="UTF-8"?>\n<Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1"><References><File href="%s-disk-0.vmdk" id="file1"/></References><VirtualSystem id="%s"><Name>%s</Name></VirtualSystem></Envelope>\n' \
    "$vm" "$vm" "$vm" >"$vm.ovf"
echo "image-build-ova: loaded $name"
[ "$vm.ovf" = "$name.ovf" ] || cp "$vm.ovf" "$name.ovf"
echo "image-build-ova: create ovf $name.ovf"
for f in "$name.ovf" "$vm-disk-0.vmdk"; do
    echo "SHA256($f)= $(sha256sum "$f" | cut -d' ' -f1)"
done >"$name.mf"
echo "image-build-ova: create ova manifest $name.mf"
echo "image-build-ova: creating OVA using tar"
tar -cf "$name.ova" "$name.ovf" "$name.mf" "$vm-disk-0.vmdk"
printf '%s' "$(sha256sum "$name.ova" | cut -d' ' -f1)" >"$name.ova.sha256"
echo "image-build-ova: create ova checksum $name.ova.sha256"
