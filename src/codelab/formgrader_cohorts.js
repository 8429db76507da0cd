// codelab: the formgrader's lists of trainees show one cohort at a time (codelab.formgrader_cohorts).
// The cohort chosen last on this course is kept in the browser; at first, the first cohort.
var codelabCohort = (function () {
    var words = {
        fr: {cohort: "Cohorte", grades: "Télécharger les notes de la cohorte (CSV)",
             failed: "Les cohortes n'ont pas pu être lues (le hub ne répond pas) : rechargez la page dans une minute.", none: "Aucune cohorte de ce cours pour l'instant : l'administrateur les importe avec « codelab cohort import »."},
        en: {cohort: "Cohort", grades: "Download the cohort's grades (CSV)",
             failed: "The cohorts could not be read (the hub does not answer): reload the page in a minute.", none: "No cohort in this course yet: the admin imports them with `codelab cohort import`."}
    }[document.documentElement.lang === "en" ? "en" : "fr"];
    var key = "codelab-cohort:" + base_url;
    var chosen = $.Deferred();
    var current = "";

    var showChoice = function (cohorts) {
        var place = $("<div/>").addClass("form-inline codelab-cohort");
        if (cohorts.length === 0) {
            place.append($("<p/>").addClass("alert alert-info").text(words.none));
        } else {
            var select = $("<select/>").addClass("form-control").attr("id", "codelab-cohort");
            cohorts.forEach(function (cohort) {
                select.append($("<option/>").attr("value", cohort.name)
                    .text(cohort.name + " (" + cohort.trainees + ")"));
            });
            select.val(current).on("change", function () {
                localStorage.setItem(key, select.val());
                window.location.reload();
            });
            var grades = $("<a/>").addClass("btn btn-default").attr("download", "")
                .attr("href", base_url + "/formgrader/api/cohort_grades?cohort=" + encodeURIComponent(current))
                .text(words.grades);
            place.append($("<label/>").attr("for", "codelab-cohort").text(words.cohort + " "), select, " ", grades);
        }
        $(".breadcrumb").first().after(place);
    };

    // With the xsrf header, as nbgrader's own listings: the hub ignores a script's cookie otherwise.
    $.ajax({
        url: base_url + "/formgrader/api/cohorts",
        dataType: "json",
        headers: {"X-XSRFToken": getCookie("_xsrf")}
    }).done(function (cohorts) {
        var names = cohorts.map(function (cohort) { return cohort.name; });
        var kept = localStorage.getItem(key);
        current = names.indexOf(kept) >= 0 ? kept : (names[0] || "");
        $(function () { showChoice(cohorts); });
        chosen.resolve();
    }).fail(function () {
        $(function () {
            $(".breadcrumb").first().after($("<p/>").addClass("alert alert-danger").text(words.failed));
        });
        chosen.resolve();
    });

    return {
        // The listing's query: the chosen cohort, or none (then the course's cohorts).
        query: function () { return current ? "?cohort=" + encodeURIComponent(current) : ""; },
        then: function (load) { chosen.done(load); }
    };
})();
