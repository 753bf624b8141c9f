import { NotFoundPanel } from "@/components/not-found-panel";

export default function TemplateNotFound() {
  return (
    <NotFoundPanel
      title="This template does not exist"
      text="The link may be mistyped, or the template was never imported here."
      back={{ href: "/templates", label: "Back to the templates" }}
    />
  );
}
