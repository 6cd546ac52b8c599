// The binding form (/m/bind): normalise what can be normalised and check the identity
// number's check character before the form is sent, so a typing error costs no try.
// The server checks the same again (service/parties/bind_input.py); without JavaScript the
// form still works. GB 11643-1999 (居民身份证号码) and GB 32100-2015 (统一社会信用代码).
(function () {
  "use strict";
  var form = document.getElementById("bind-form");
  var field = document.getElementById("id_no");
  var caseNo = document.getElementById("case_no");
  var note = document.getElementById("id_no_check");
  if (!form || !field || !note) { return; }
  var RIC_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var RIC_C = "10X98765432";
  var USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  function fold(s) {
    return s.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
  }
  function clean(s) { return fold(s).replace(/[\s\u3000-]+/g, "").toUpperCase(); }
  function residentOk(s) {
    if (!/^[0-9]{17}[0-9X]$/.test(s)) { return false; }
    var t = 0;
    for (var i = 0; i < 17; i++) { t += (+s.charAt(i)) * RIC_W[i]; }
    return RIC_C.charAt(t % 11) === s.charAt(17);
  }
  function creditOk(s) {
    if (s.length !== 18) { return false; }
    var t = 0, w = 1;
    for (var i = 0; i < 17; i++) {
      var v = USCC.indexOf(s.charAt(i));
      if (v < 0) { return false; }
      t += v * w;
      w = (w * 3) % 31;
    }
    return USCC.charAt((31 - t % 31) % 31) === s.charAt(17);
  }
  function problem(s) {
    if (!s) { return ""; }
    if (s.length !== 18) {
      return "身份证号码和统一社会信用代码都是 18 位，您填写了 " + s.length + " 位。";
    }
    if (residentOk(s) || creditOk(s)) { return ""; }
    return "号码的最后一位（校验码）与前面的数字对不上，请逐位核对。";
  }
  function show() {
    var s = clean(field.value);
    var p = problem(s);
    note.textContent = p;
    note.hidden = !p;
    field.setAttribute("aria-invalid", p ? "true" : "false");
    return p;
  }
  field.addEventListener("blur", function () { field.value = clean(field.value); show(); });
  if (caseNo) {
    caseNo.addEventListener("blur", function () {
      caseNo.value = fold(caseNo.value).replace(/[\s\u3000]+/g, "");
    });
  }
  form.addEventListener("submit", function (event) {
    field.value = clean(field.value);
    if (show()) { event.preventDefault(); field.focus(); }
  });
})();
