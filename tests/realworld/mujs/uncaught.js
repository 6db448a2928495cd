/* uncaught.js - an error nobody catches: the message and stack on stderr
   and the exit status are the interpreter's, and must stay so. */
function inner(x) { return x.missing.field; }
function outer() { return inner({}); }
print("before");
outer();
print("never printed");
