#!/usr/bin/env bash
# Lays out the base of the Presence container image in the folder given as $1: a Java runtime made with
# jlink from the build's JDK (/opt/java), the shared libraries it and the launcher need, bash and the three
# commands bin/presence runs, and a passwd entry for the unprivileged user the image runs as.
#
# No registry base image is used: the files come from the build machine (Debian's OpenJDK and libraries),
# so the image is built with nothing but Maven Central and the JDK. The Maven `image` profile runs this
# before Jib puts the folder, and the distribution on top of it, into an image tarball.
set -euo pipefail

out="$(realpath -m "$1")"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
# Everything Payara Micro and Presence use (java.se), the JDK modules Payara's libraries load at run
# time, and jcmd for heap and thread dumps inside a running container.
modules="java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.naming.dns,jdk.naming.rmi,\
jdk.charsets,jdk.localedata,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.httpserver,\
jdk.net,jdk.security.auth,jdk.security.jgss,jdk.xml.dom,jdk.compiler,jdk.attach,jdk.jcmd"

rm -rf "$out"
mkdir -p "$out/etc" "$out/tmp" "$out/bin" "$out/usr/bin" "$out/home/presence"

"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/opt/java"
# A headless server: the runtime's X11, splash screen and sound libraries would only pull in their libraries.
rm -f "$out"/opt/java/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so
# Debian's JDK keeps its CA certificates outside the JDK; the runtime needs them for rediss:// and JWKS URLs.
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi

# bin/presence is a bash script (#!/usr/bin/env bash) that runs dirname, rm and mkdir.
for tool in bash dirname rm mkdir; do
  cp -L "$(command -v "$tool")" "$out/bin/$tool"
done
cp -L "$(command -v env)" "$out/usr/bin/env"
ln -s bash "$out/bin/sh"

# The shared libraries of the runtime and of those commands, at the paths the dynamic loader asks for.
find "$out/opt/java" "$out/bin" "$out/usr/bin" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' \
  | grep -v "^$out/" \
  | sort -u \
  | while read -r lib; do
      mkdir -p "$out$(dirname "$lib")"
      cp -L "$lib" "$out$lib"
    done

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
presence:x:10001:10001:Presence:/home/presence:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
presence:x:10001:
GROUP
cat > "$out/etc/nsswitch.conf" <<'NSS'
passwd: files
group:  files
hosts:  files dns
NSS
