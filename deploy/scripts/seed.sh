#!/usr/bin/env bash
# seed.sh (make seed): demo users and short demo videos, made locally with ffmpeg
# and published through the running gateway exactly as the app publishes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
GATEWAY_URL=${GATEWAY_URL:-$(gateway_url)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# sign_in NAME: registers the demo user, or logs it in when it exists; prints
# "user_id token".
sign_in() {
  local reply
  reply=$(curl -fsS -X POST "$GATEWAY_URL/douyin/user/register/?username=$1&password=demo-password")
  if ! grep -q '"status_code":0' <<<"$reply"; then
    reply=$(curl -fsS -X POST "$GATEWAY_URL/douyin/user/login/?username=$1&password=demo-password")
  fi
  echo "$(sed -n 's/.*"user_id":\([0-9]*\).*/\1/p' <<<"$reply") $(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$reply")"
}

users=(demo_alice demo_bob demo_carol)
sources=(
  "testsrc2=size=360x640:rate=25"
  "smptebars=size=360x640:rate=25"
  "mandelbrot=size=360x640:rate=25"
  "life=size=360x640:rate=25:mold=10:ratio=0.2"
  "rgbtestsrc=size=360x640:rate=25"
  "testsrc=size=360x640:rate=25"
  "cellauto=size=360x640:rate=25:rule=110"
  "gradients=size=360x640:rate=25:speed=0.05"
  "yuvtestsrc=size=360x640:rate=25"
  "pal75bars=size=360x640:rate=25"
  "smptehdbars=size=360x640:rate=25"
  "colorspectrum=size=360x640:rate=25"
)
titles=("Hello, douyin-zero" "Colour bars" "Into the Mandelbrot set" "Game of life" "RGB test"
  "Test pattern" "Rule 110" "Slow gradients" "YUV test" "PAL bars" "HD bars" "Spectrum")

# Running it again publishes only the demo videos that are missing.
declare -A tokens existing
for u in "${users[@]}"; do
  read -r uid tok < <(sign_in "$u")
  [ -n "$tok" ] || { log "could not log $u in at $GATEWAY_URL"; exit 1; }
  tokens[$u]=$tok
  existing[$u]=$(curl -fsS "$GATEWAY_URL/douyin/publish/list/?user_id=$uid")
done

published=0 present=0
for i in "${!sources[@]}"; do
  user=${users[$((i % ${#users[@]}))]}
  if grep -qF "\"title\":\"${titles[$i]}\"" <<<"${existing[$user]}"; then
    present=$((present + 1))
    continue
  fi
  file=$work/demo$i.mp4
  if ! ffmpeg -v error -f lavfi -i "${sources[$i]}" -t 4 -pix_fmt yuv420p -c:v libx264 -preset veryfast \
      -movflags +faststart "$file" 2>/dev/null; then
    continue # a filter this ffmpeg build lacks
  fi
  reply=$(curl -fsS -F "token=${tokens[$user]}" -F "title=${titles[$i]}" -F "data=@$file;type=video/mp4" \
    "$GATEWAY_URL/douyin/publish/action/")
  if grep -q '"status_code":0' <<<"$reply"; then
    published=$((published + 1))
  else
    log "publishing demo video $i failed: $reply"
  fi
done
log "published $published demo videos ($present were there already) as ${users[*]} (password demo-password)"
[ $((published + present)) -ge 10 ]
