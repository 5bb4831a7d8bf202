// Fixture script.
document.documentElement.dataset.js = "on";
