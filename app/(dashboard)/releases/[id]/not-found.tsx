import { NotFoundPanel } from "@/components/not-found-panel";

export default function ReleaseNotFound() {
  return (
    <NotFoundPanel
      title="This release does not exist"
      text="The link may be mistyped, or it points to a release in another Countdown."
      back={{ href: "/releases", label: "Back to the releases" }}
    />
  );
}
