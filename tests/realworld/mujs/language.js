/* language.js - closures, recursion, prototypes, getters, arguments. */
function counter() {
	var n = 0;
	return function () { return ++n; };
}
var c = counter();
c(); c();
print("counter", c());

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print("fib(20)", fib(20));

function Shape(name) { this.name = name; }
Shape.prototype.describe = function () { return this.name + " with area " + this.area(); };
function Square(s) { Shape.call(this, "square"); this.s = s; }
Square.prototype = Object.create(Shape.prototype);
Square.prototype.area = function () { return this.s * this.s; };
print(new Square(7).describe());

var obj = {
	_v: 1,
	get v() { return this._v * 10; },
	set v(x) { this._v = x; }
};
obj.v = 4;
print("getter", obj.v);

function sum() {
	var t = 0;
	for (var i = 0; i < arguments.length; i++) t += arguments[i];
	return t;
}
print("sum", sum(1, 2, 3, 4, 5), sum.apply(null, [10, 20]));

var keys = [];
for (var k in { b: 1, a: 2, c: 3 }) keys.push(k);
print("keys", keys.join(","));

var s = 0, i = 0;
do { s += i; i++; } while (i < 100);
label: for (var x = 0; x < 10; x++) {
	for (var y = 0; y < 10; y++) {
		if (y > x) continue label;
		if (x * y > 20) break label;
		s += x * y;
	}
}
print("loops", s);
switch (typeof s) {
case "string": print("string"); break;
case "number": print("number");
default: print("fell through");
}
print(eval("1 + 2 * 3"), new Function("a", "b", "return a * b")(6, 7));
