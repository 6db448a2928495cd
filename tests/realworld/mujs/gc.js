/* gc.js - enough garbage to run the collector many times, with objects that
   stay alive across collections. */
var keep = [];
for (var round = 0; round < 200; round++) {
	var tmp = [];
	for (var i = 0; i < 500; i++)
		tmp.push({ i: i, s: "item" + i, a: [i, i + 1] });
	keep.push(tmp[round % 500]);
	if (round % 50 === 0) gc();
}
var total = 0;
for (i = 0; i < keep.length; i++) total += keep[i].a[1];
print("kept", keep.length, "total", total);
var m = {};
for (i = 0; i < 20000; i++) m["k" + (i % 997)] = i;
var n = 0;
for (var k in m) n++;
print("properties", n, m.k5);
