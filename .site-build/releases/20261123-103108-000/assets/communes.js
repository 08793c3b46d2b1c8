// Filter the commune list by today's name or a former name, with or without diacritics.
// Folding mirrors generator/text.py fold(): NFD, drop marks, đ -> d, lower case.
(function () {
  function fold(s) {
    return s.replace(/[đĐ]/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }
  var input = document.getElementById("ny-commune-filter");
  var list = document.getElementById("ny-communes");
  if (!input || !list) return;
  input.addEventListener("input", function () {
    var q = fold(input.value).trim();
    list.querySelectorAll("li").forEach(function (li) {
      li.hidden = q !== "" && li.getAttribute("data-search").indexOf(q) === -1;
    });
  });
})();
