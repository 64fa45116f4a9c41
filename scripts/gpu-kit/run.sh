#!/bin/sh
# The GPU kit's entry point on a bare Linux x86-64 machine with a GPU driver (the device machine):
#   sh .gpu-kit/run.sh [kit options]     e.g. --out "$OUT/gpu-kit.json"
# Unpacks the kit's Node binary into $GPU_KIT_TMP (/tmp/gpu-kit), provides a Vulkan loader when the system
# has none, points the loader at NVIDIA's driver when it would not find it, then runs kit.mjs.
# GPU_KIT_NODE=path uses that Node instead; GPU_KIT_NO_LOADER=1 leaves the Vulkan setup to the caller.
set -e
KIT=$(cd "$(dirname "$0")" && pwd)
WORK=${GPU_KIT_TMP:-/tmp/gpu-kit}
mkdir -p "$WORK"

NODE=${GPU_KIT_NODE:-$WORK/node}
if [ -z "$GPU_KIT_NODE" ] && [ ! -x "$NODE" ]; then
  [ -f "$KIT/node.xz" ] || { echo "gpu kit: $KIT/node.xz is missing: build the kit with npm run gpu:kit (without --no-node)"; exit 1; }
  if command -v xz >/dev/null 2>&1; then
    xz -dc "$KIT/node.xz" > "$NODE.part"
  else
    python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$KIT/node.xz" "$NODE.part"
  fi
  chmod +x "$NODE.part" && mv "$NODE.part" "$NODE"
fi

if [ -z "$GPU_KIT_NO_LOADER" ] && ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; then
  if [ "$(id -u)" = 0 ] && [ -d /usr/local/nvidia ] && ls "$KIT"/deb/*.deb >/dev/null 2>&1; then
    # the device README's recipe: these loader packages unpacked over / (no other package: they can break /)
    for f in "$KIT"/deb/*.deb; do dpkg -x "$f" /; done
    ldconfig
    echo "gpu kit: Vulkan loader unpacked from $(ls "$KIT"/deb | tr '\n' ' ')"
  else
    echo "gpu kit: no libvulkan.so.1 on this system and none unpacked (needs root, /usr/local/nvidia and $KIT/deb): Dawn may find no adapter"
  fi
fi

NV_ICD=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "$VK_ICD_FILENAMES$VK_DRIVER_FILES" ] && [ -f "$NV_ICD" ]; then
  export VK_DRIVER_FILES="$NV_ICD" __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
if command -v nvidia-smi >/dev/null 2>&1; then
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader || true
fi
echo "gpu kit: node $("$NODE" --version), $(uname -m)"
exec "$NODE" "$KIT/kit.mjs" "$@"
