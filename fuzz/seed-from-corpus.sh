#!/bin/sh
# Copy a few real pages from the shared corpus into fuzz/corpus/read_page (gitignored), as
# run-time seeds. Corpus pages are not committed; fuzz/seeds/ holds hand-written ones.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus=${DOCGEN_CORPUS:-$here/../../shared/graph-docs}
[ -d "$corpus/v1.0" ] || corpus=$here/../../../shared/graph-docs
out=$here/corpus/read_page
mkdir -p "$out"
for page in \
    v1.0/api/user-get.md v1.0/resources/user.md v1.0/resources/enums.md \
    v1.0/resources/driveitem.md v1.0/api/user-getmailtips.md v1.0/api/workforceintegration-post.md \
    beta/api/accesspackage-post-incompatiblegroup.md beta/api/unifiedrolemanagementpolicyrule-update.md \
    beta/api/event-delta.md beta/resources/message.md beta/api/driveitem-createuploadsession.md \
    beta/resources/securescorecontrolstateupdate.md \
    beta/api/intune-partnerintegration-vulnerablemanageddevice-update.md \
    beta/resources/synchronization-configure-with-directory-extension-attributes.md; do
    if [ -f "$corpus/$page" ]; then
        cp "$corpus/$page" "$out/$(echo "$page" | tr / _)"
    else
        echo "seed-from-corpus: $corpus/$page not found, skipped" >&2
    fi
done
echo "seed-from-corpus: $(ls "$out" | wc -l) files in $out"
