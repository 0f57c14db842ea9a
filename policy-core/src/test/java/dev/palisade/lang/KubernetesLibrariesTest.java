package dev.palisade.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Kubernetes libraries: each row is an expression and the JSON of its expected result. */
class KubernetesLibrariesTest {

    static String eval(String expr) {
        Program p = Expressions.compile(expr, Declarations.of());
        return Values.toJson(p.evaluate(Map.of())).toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            quantity('1Gi').asInteger()                                   | 1073741824
            quantity('500m').asApproximateFloat()                         | 0.5
            quantity('1.5k').asInteger()                                  | 1500
            quantity('2e3').asInteger()                                   | 2000
            quantity('100Mi').isGreaterThan(quantity('100M'))             | true
            quantity('1').compareTo(quantity('1000m'))                    | 0
            quantity('1') == quantity('1000m')                            | true
            quantity('500m').isInteger()                                  | false
            quantity('-3').sign()                                         | -1
            quantity('1Ki').add(quantity('24')).asInteger()               | 1048
            quantity('1').sub(1).sign()                                   | 0
            isQuantity('1.2.3')                                           | false
            isQuantity('12Zi')                                            | false
            isQuantity('5n')                                              | true
            url('https://user@example.com:8443/a%20b/c?x=1&x=2&y').getHost()  | "example.com:8443"
            url('https://example.com:8443/path').getHostname()            | "example.com"
            url('https://[::1]:80/').getHostname()                        | "::1"
            url('https://example.com:8443/path').getPort()                | "8443"
            url('https://example.com/a%20b').getEscapedPath()             | "/a%20b"
            url('https://example.com/?x=1&x=2&y=').getQuery()             | {"x":["1","2"],"y":[""]}
            url('/just/a/path').getScheme()                               | ""
            isURL('not a url')                                            | false
            isURL('https://example.com')                                  | true
            semver('1.2.3-rc.1').major()                                  | 1
            semver('1.2.3').isGreaterThan(semver('1.2.3-rc.1'))           | true
            semver('1.10.0').compareTo(semver('1.9.9'))                   | 1
            semver('v1.2', true).minor()                                  | 2
            isSemver('1.2')                                               | false
            isSemver('01.2.3')                                            | false
            semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta')) | true
            format.dns1123Label().validate('my-name')                     | null
            format.dns1123Label().validate('My_Name').hasValue()          | true
            format.named('labelValue').value().validate('ok.value-1').hasValue() | false
            format.named('nope').hasValue()                               | false
            format.dns1123Subdomain().validate('a.b.c').hasValue()        | false
            format.qualifiedName().validate('example.com/Name').hasValue() | false
            format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue() | false
            format.date().validate('2024-02-30').hasValue()               | true
            format.dns1123LabelPrefix().validate('prefix-').hasValue()    | false
            'abc123def'.find('[0-9]+')                                    | "123"
            'a1b22c333'.findAll('[0-9]+')                                 | ["1","22","333"]
            'a1b22c333'.findAll('[0-9]+', 2)                              | ["1","22"]
            [1, 2, 3].isSorted()                                          | true
            [3, 1, 2].sum()                                               | 6
            [1.5, 2.5].sum()                                              | 4.0
            [3, 1, 2].min()                                               | 1
            ['b', 'c', 'a'].max()                                         | "c"
            [1, 2, 1].lastIndexOf(1)                                      | 2
            [1, 2, 3, 4].slice(1, 3)                                      | [2,3]
            [[1, [2]], [3]].flatten()                                     | [1,[2],3]
            [[1, [2]], [3]].flatten(2)                                    | [1,2,3]
            [1, 2, 1, 3].distinct()                                       | [1,2,3]
            [3, 1, 2].sort()                                              | [1,2,3]
            [{'n': 2}, {'n': 1}].sortBy(e, e.n).map(e, e.n)               | [1,2]
            lists.range(3)                                                | [0,1,2]
            [1, 2].reverse()                                              | [2,1]
            sets.contains([1, 2, 3], [3, 1])                              | true
            sets.equivalent([1, 2, 2], [2, 1])                            | true
            sets.intersects([1, 2], [3, 4])                               | false
            'hello'.charAt(1)                                             | "e"
            'a,b,c'.split(',')                                            | ["a","b","c"]
            ['a', 'b'].join('-')                                          | "a-b"
            'Hello'.lowerAscii() + 'Hello'.upperAscii()                   | "helloHELLO"
            '  x  '.trim()                                                | "x"
            'banana'.replace('a', 'o', 2)                                 | "bonona"
            'hello'.substring(1, 3)                                       | "el"
            'abc'.reverse()                                               | "cba"
            '%s has %d items'.format(['cart', 3])                         | "cart has 3 items"
            strings.quote('a"b')                                          | "\\"a\\\\\\"b\\""
            ip('10.0.0.1').family()                                       | 4
            cidr('10.0.0.0/8').containsIP('10.1.2.3')                     | true
            cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')                | true
            string(cidr('10.1.2.3/8').masked())                           | "10.0.0.0/8"
            isCIDR('10.0.0.0/33')                                         | false
            isIP('1.2.3.4::1')                                            | false
            isIP('::1.2.3.4')                                             | true
            string(ip('2001:0db8:0000:0000:0000:0000:0000:0001'))         | "2001:db8::1"
            ip('fe80::1').isLinkLocalUnicast()                            | true
            """)
    void libraryFunction(String expr, String expectedJson) {
        assertEquals(expectedJson, eval(expr));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            quantity('1').asInteger() == quantity('1Ei').add(quantity('10Ei')).asInteger()
            [].min()
            [1, 'a'].sort()
            'abc'.charAt(4)
            'abc'.substring(2, 1)
            [1].slice(0, 2)
            """)
    void libraryErrors(String expr) {
        assertThrows(EvaluationException.class, () -> eval(expr));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'abc'.matches('(')
            'abc'.find('[')
            quantity('1.2.3')
            url('relative/path')
            semver('1.2')
            ip('1.2.3.256')
            cidr('1.2.3.4')
            duration('1x')
            timestamp('yesterday')
            lists.range()
            quantity('1', 2)
            """)
    void compileTimeErrors(String expr) {
        assertThrows(CompileException.class, () -> eval(expr));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            quantity(s)
            url(s)
            semver(s)
            ip(s)
            cidr(s)
            'abc'.matches(s)
            """)
    void invalidRuntimeArgumentsAreEvaluationErrors(String expr) {
        Program p = Expressions.compile(expr, Declarations.of("s"));
        assertThrows(EvaluationException.class, () -> p.evaluate(Map.of("s", "[not valid")));
    }

    @org.junit.jupiter.api.Test
    void librariesFollowTheTargetKubernetesVersion() {
        Declarations k129 = Declarations.builder().libraries(Library.forKubernetes(29)).build();
        assertEquals(true, Expressions.compile("sets.contains([1], [1]) && quantity('1').isInteger()", k129)
                .evaluate(Map.of()));
        CompileException e = assertThrows(CompileException.class, () -> Expressions.compile("ip('1.2.3.4')", k129));
        assertEquals("undeclared reference to function 'ip'", e.reason());
        assertEquals(java.util.EnumSet.allOf(Library.class), java.util.EnumSet.copyOf(Library.forKubernetes(33)));
    }

    @org.junit.jupiter.api.Test
    void librariesCanBeSwitchedOff() {
        Declarations core = Declarations.builder().withoutLibraries().build();
        CompileException e = assertThrows(CompileException.class, () -> Expressions.compile("quantity('1')", core));
        assertEquals("undeclared reference to function 'quantity'", e.reason());
        assertEquals(true, Expressions.compile("'a'.startsWith('a')", core).evaluate(Map.of()));
    }
}
