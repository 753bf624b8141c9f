import { NotFoundPanel } from "@/components/not-found-panel";

export default function RunNotFound() {
  return (
    <NotFoundPanel
      title="This run does not exist"
      text="The link may be mistyped. Every run is listed on its release's page."
      back={{ href: "/releases", label: "Back to the releases" }}
    />
  );
}
