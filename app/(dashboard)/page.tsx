import { redirect } from "next/navigation";
import { requirePageCaller } from "@/lib/auth/page-caller";

/** Where a sign-in lands: approvers on what waits for their decision, everyone else on the releases. */
export default async function Home() {
  const caller = await requirePageCaller("/");
  redirect(caller.role === "approver" ? "/decisions" : "/releases");
}
