package browsertest

import (
	"context"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// ruSite is a Russian site whose labels give the script its words,
// plural forms included.
var ruSite = fstest.MapFS{
	"content/_index.md": {Data: []byte(`---
title: Проба
language: ru
labels:
  search_suggestions: Подсказки
  search_result_one: "{n} результат"
  search_result_few: "{n} результата"
  search_result_many: "{n} результатов"
  search_result_other: "{n} результата"
  search_choose: Выберите стрелками вверх и вниз.
  search_results_for: "{results} по запросу «{q}»"
  search_none_for: "По запросу «{q}» ничего нет. Ниже все страницы."
  kind_demand: Требование
---
Текст.
`)},
	"content/demands/one.md": {Data: []byte("---\ntitle: Требование первое\nclaimant: Сторона\n---\nТекст.\n")},
	"content/demands/two.md": {Data: []byte("---\ntitle: Требование второе\nclaimant: Сторона\n---\nТекст.\n")},
}

// TestScriptUsesLabels checks that the search box and the search page
// show the site's words, with the language's plural form, not the
// script's English.
func TestScriptUsesLabels(t *testing.T) {
	res, err := build.Build(context.Background(), build.Inputs{FS: ruSite})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(res.Files))
	t.Cleanup(srv.Close)
	ctx := browser(t)
	run(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS("body")))
	run(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "требование"))
	waitFor(t, ctx, "the count of suggestions", `document.querySelector("#q + .search-results, #q_list") && [...document.querySelectorAll(".search [role=status]")].some(s => s.textContent !== "")`)
	status := eval[string](t, ctx, `[...document.querySelectorAll(".search [role=status]")].map(s => s.textContent).join("")`)
	if want := "2 результата. Выберите стрелками вверх и вниз."; status != want {
		t.Errorf("suggestions status = %q, want %q", status, want)
	}
	if got := eval[string](t, ctx, `document.getElementById("q_list").getAttribute("aria-label")`); got != "Подсказки" {
		t.Errorf("suggestions are labelled %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector("#q_list .r-meta").textContent`); got != "Требование · Сторона" {
		t.Errorf("a suggestion's kind reads %q", got)
	}

	run(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=первое"), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "the search page's count", `document.getElementById("search_status").textContent !== ""`)
	if got, want := eval[string](t, ctx, `document.getElementById("search_status").textContent`), "1 результат по запросу «первое»."; got != want {
		t.Errorf("search page status = %q, want %q", got, want)
	}
	run(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=яяяя"), chromedp.WaitReady(chromedp.CSS("body")))
	waitFor(t, ctx, "the search page's status", `document.getElementById("search_status").textContent !== ""`)
	if got, want := eval[string](t, ctx, `document.getElementById("search_status").textContent`), "По запросу «яяяя» ничего нет. Ниже все страницы."; got != want {
		t.Errorf("search page status = %q, want %q", got, want)
	}
}
