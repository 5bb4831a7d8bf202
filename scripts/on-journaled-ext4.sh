#!/usr/bin/env bash
# Runs a command with TMPDIR on a fresh ext4 file system that has a journal
# (ext4's default), made in a sparse image file and loop-mounted, then
# removes it. Needs root (mount) and e2fsprogs.
#   usage: sudo scripts/on-journaled-ext4.sh COMMAND [ARGS...]
#   e.g.   sudo scripts/on-journaled-ext4.sh bash scripts/compare-hugo.sh 10000 5 fresh
# Why: ext4 without a journal (as some virtual machines' root disks are)
# refuses to reuse an inode freed in the last minute and, on every file or
# directory it creates, walks past each such inode (fs/ext4/ialloc.c,
# recently_deleted). A benchmark that deletes two 10,000-page outputs and
# then builds again pays seconds of kernel time for that walk, whatever the
# program; on a journaled file system the check is off.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
img=$(mktemp /var/tmp/journaled-ext4.XXXXXX.img)
mnt=$(mktemp -d)
cleanup() { umount "$mnt" 2>/dev/null || true; rmdir "$mnt"; rm -f "$img"; }
trap cleanup EXIT
truncate -s 16G "$img"
mkfs.ext4 -q -F "$img"
mount -o loop "$img" "$mnt"
chmod 1777 "$mnt"
TMPDIR=$mnt "$@"
