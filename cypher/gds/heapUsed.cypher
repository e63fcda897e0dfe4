// The server's heap in use, sampled while the GDS peer runs: GDS keeps its graphs and
// algorithm state on the heap, so this is the peer's memory as the server sees it.
CALL dbms.queryJmx('java.lang:type=Memory')
YIELD attributes
RETURN attributes.HeapMemoryUsage.value.properties.used AS used, attributes.HeapMemoryUsage.value.properties.max AS max
