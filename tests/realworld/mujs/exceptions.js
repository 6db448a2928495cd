/* exceptions.js - try/catch/finally, rethrow and errors raised inside
   builtins: each throw unwinds the interpreter with longjmp. */
function deep(n) { return n === 0 ? 0 : 1 + deep(n - 1); }
print("deep", deep(20));
function thrower(depth) {
	if (depth === 0)
		throw new RangeError("bottom");
	try {
		return thrower(depth - 1);
	} finally {
		trace.push("finally " + depth);
	}
}
var trace = [];
try {
	thrower(5);
} catch (e) {
	trace.push(e.name + ": " + e.message);
}
print(trace.join("\n"));

var caught = 0;
for (var i = 0; i < 2000; i++) {
	try {
		if (i % 3 === 0) null.x;
		else if (i % 3 === 1) undefinedName + 1;
		else JSON.parse("{bad");
	} catch (e) {
		caught += e instanceof TypeError ? 1 : e instanceof ReferenceError ? 10 : 100;
	}
}
print("caught", caught);

function nested() {
	try {
		try {
			throw "inner";
		} catch (e) {
			throw e + " rethrown";
		} finally {
			print("inner finally");
		}
	} catch (e) {
		return e;
	}
}
print(nested());

var o = { toString: function () { throw new Error("from toString"); } };
try {
	String(o);
} catch (e) {
	print(e.message);
}
try {
	[3, 1, 2].sort(function () { throw 42; });
} catch (e) {
	print("sort threw", e);
}
