# Sourced by .ci/run and devstack/run: Rapport needs a JDK 21+. Keeps JAVA_HOME when it already points at one,
# otherwise falls back to a known install (Temurin 25 on the team's machines).
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2; exit}'; }
current_java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v "$current_java" >/dev/null 2>&1 || [ "$(java_major "$current_java")" -lt 21 ] 2>/dev/null; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
if [ "$(java_major java)" -lt 21 ] 2>/dev/null; then
  echo "Rapport needs a JDK 21 or newer; set JAVA_HOME to one (found: $(java_major java))." >&2
  exit 1
fi
