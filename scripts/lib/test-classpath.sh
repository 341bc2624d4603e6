# Compiles the test sources and sets TEST_CP to the classpath the measuring tools run from
# (the load tool, the probes, JMH and the scaling simulation live in src/test/java). Source it.
test_classpath() {
  mvn -B -q test-compile
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
  TEST_CP="target/test-classes:target/classes:$(cat target/classpath.txt)"
}
