package browsertest

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
)

// languageSites are small explainers written in German and in Russian,
// with language set and no labels of their own: the interface is the
// built-in translation.
var languageSites = map[string]fstest.MapFS{
	"de": {
		"content/_index.md":                      {Data: []byte("---\ntitle: Die Citymaut\nsummary: Der Plan der Stadt, für Autos in der Innenstadt eine Gebühr zu erheben, und die Einwände dagegen.\nlanguage: de\ncrisis_from: 2025-01\n---\nDie Stadt schlägt eine [[Citymaut]] vor; der [[handelsverband]] widerspricht.\n")},
		"content/demands/gebuehr.md":             {Data: []byte("---\ntitle: Eine Tagesgebühr für die Innenstadt\nsummary: Wer mit dem Auto in die Innenstadt fährt, zahlt täglich.\nclaimant: Stadtrat\ndate: 2025-03-04\nstated_by: Bürgermeisterin\nstated_in: 1\nsources:\n  - {title: Beschlussvorlage, publisher: Stadtrat, date: 2025-03-04, url: \"https://example.org/vorlage\"}\n---\nDer Stadtrat will die [[Citymaut]] zum Jahresende einführen.\n")},
		"content/demands/busse.md":               {Data: []byte("---\ntitle: Mehr Busse auf den Ringlinien\nclaimant: Stadtrat\ndate: 2025-04\n---\nDie Einnahmen sollen in den Busverkehr fließen.\n")},
		"content/counterpositions/erst-busse.md": {Data: []byte("---\ntitle: Erst bessere Busse, dann die Gebühr\nrespondent: Handelsverband\nresponds_to: [gebuehr, busse]\ndate: 2025-03-10\n---\nDer [[handelsverband]] fürchtet um die Kundschaft der Innenstadt.\n")},
		"content/glossary/citymaut.md":           {Data: []byte("---\ntitle: Citymaut\nshort: Eine Gebühr für Fahrten in ein Stadtgebiet zu bestimmten Zeiten.\naliases: [Innenstadtmaut]\n---\nIn London seit 2003.\n")},
		"content/timeline/anhoerung.md":          {Data: []byte("---\ntitle: Erste Anhörung\ndate: 2024-11\nrelated: [gebuehr]\n---\nDie Verwaltung stellt erste Zahlen vor.\n")},
		"content/timeline/abstimmung.md":         {Data: []byte("---\ntitle: Abstimmung im Stadtrat\ndate: 2025-06-12\nrelated: [gebuehr, erst-busse]\n---\nDer Stadtrat stimmt ab.\n")},
		"content/actors/handelsverband.md":       {Data: []byte("---\ntitle: Handelsverband\nrole: Verband der Geschäfte der Innenstadt\n---\nVertritt rund 400 Geschäfte.\n")},
	},
	"ru": {
		"content/_index.md":                             {Data: []byte("---\ntitle: Платный въезд в центр\nsummary: План города ввести плату за въезд в центр на автомобиле и возражения против него.\nlanguage: ru\ncrisis_from: 2025-01\n---\nГород предлагает [[платный въезд]]; [[Ассоциация торговцев]] возражает.\n")},
		"content/demands/plata.md":                      {Data: []byte("---\ntitle: Дневная плата за въезд в центр\nsummary: Кто въезжает в центр на машине, платит за каждый день.\nclaimant: Городской совет\ndate: 2025-03-04\nstated_by: мэр\nstated_in: 1\nsources:\n  - {title: Проект решения, publisher: Городской совет, date: 2025-03-04, url: \"https://example.org/proekt\"}\n---\nСовет хочет ввести [[платный въезд]] к концу года.\n")},
		"content/demands/avtobusy.md":                   {Data: []byte("---\ntitle: Больше автобусов на кольцевых маршрутах\nclaimant: Городской совет\ndate: 2025-04\n---\nДоходы пойдут на автобусы.\n")},
		"content/counterpositions/snachala-avtobusy.md": {Data: []byte("---\ntitle: Сначала автобусы, потом плата\nrespondent: Ассоциация торговцев\nresponds_to: [plata, avtobusy]\ndate: 2025-03-10\n---\n[[Ассоциация торговцев|Ассоциация]] боится потерять покупателей.\n")},
		"content/glossary/platnyi-vezd.md":              {Data: []byte("---\ntitle: Платный въезд\nshort: Плата за въезд в часть города в определённые часы.\n---\nВ Лондоне с 2003 года.\n")},
		"content/timeline/slushaniya.md":                {Data: []byte("---\ntitle: Первые слушания\ndate: 2024-11\nrelated: [plata]\n---\nАдминистрация показывает первые расчёты.\n")},
		"content/timeline/golosovanie.md":               {Data: []byte("---\ntitle: Голосование в совете\ndate: 2025-06-12\nrelated: [plata, snachala-avtobusy]\n---\nСовет голосует.\n")},
		"content/actors/assotsiatsiya-torgovtsev.md":    {Data: []byte("---\ntitle: Ассоциация торговцев\nrole: Объединение магазинов центра\n---\nПредставляет около 400 магазинов.\n")},
	},
}

// TestLanguageScreenshots builds the German and the Russian site and
// writes screenshots of their main pages at 390 and 1280 px to
// screenshots/lang-<language>-<page>-<width>.png, for people to look at;
// every page must load without a console error.
func TestLanguageScreenshots(t *testing.T) {
	dir := os.Getenv("COUNTERPOINT_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(repoRoot(t), "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	for _, lang := range []string{"de", "ru"} {
		res, err := build.Build(context.Background(), build.Inputs{FS: languageSites[lang]})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		srv := httptest.NewServer(Handler(res.Files))
		con := listen(ctx)
		demand := "/demands/gebuehr/"
		if lang == "ru" {
			demand = "/demands/plata/"
		}
		for _, w := range []int64{390, 1280} {
			run(t, ctx, viewport(w, 900))
			for name, path := range map[string]string{"home": "/", "demand": demand, "timeline": "/timeline/", "glossary": "/glossary/", "search": "/search/?q=%D0%B0"} {
				run(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady(chromedp.CSS("body")))
				png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "lang-"+lang+"-"+name+"-"+itoa(w)+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		if errs := con.take(); len(errs) > 0 {
			t.Errorf("%s: console errors: %v", lang, errs)
		}
		srv.Close()
	}
}
