// Poster page: shows the print button (hidden without script, where Ctrl+P does the same).
(function () {
  var button = document.getElementById("print");
  if (!button || !window.print) return;
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
})();
