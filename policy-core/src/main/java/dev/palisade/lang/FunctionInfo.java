package dev.palisade.lang;

/**
 * One function overload as the language declares it, for listings and documentation: see
 * {@link Expressions#functions(Declarations)}.
 *
 * @param name      the function's name, e.g. {@code charAt} or {@code sets.contains}; operators use
 *                  CEL's internal names ({@code _+_}, {@code @in})
 * @param signature how a call is written, e.g. {@code s.charAt(i)}
 * @param arity     the number of arguments, the receiver of a member-style call included
 * @param member    whether it can be called as {@code receiver.name(...)}
 * @param global    whether it can be called as {@code name(...)}
 * @param library   the library that provides it; null for the standard functions and host functions
 * @param host      whether a host added it
 * @param cost      the cost formula (sizes: |s| characters of a string, size(l) elements of a list)
 * @param pure      whether calls with constant arguments are evaluated at compile time
 * @param checksConstantArguments whether a failing call with constant arguments is a compile error
 * @param doc       one line describing it
 */
public record FunctionInfo(String name, String signature, int arity, boolean member, boolean global, Library library, boolean host, String cost, boolean pure,
        boolean checksConstantArguments, String doc) {
}
