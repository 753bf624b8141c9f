// A plan without a deploy procedure says so where Deploy would be used (issue 18): Deploy has nothing to run.

/** `addHref`: where the page can add one (the template page's "Add a procedure" form), for those who may. */
export function NoDeployProcedure({
  hint = "give the runbook a deploy section with shell commands and import it again",
  addHref,
}: {
  hint?: string;
  addHref?: string;
}) {
  return (
    <p role="note" className="mt-4 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="no-deploy-procedure">
      No deploy procedure:{" "}
      {addHref ? (
        <a href={addHref} className="font-medium underline">
          add one
        </a>
      ) : (
        "add one"
      )}
      . Without it Deploy has nothing to run; {addHref ? "add a deploy procedure below, or " : ""}
      {hint}.
    </p>
  );
}
