// GET /api/decisions/waiting - open releases waiting for my go or no-go (approver, admin)
import { route } from "@/lib/api/route";
import { ZWaitingDecisions } from "@/lib/schemas/decision";
import { listWaitingForDecision } from "@/lib/decisions/list-waiting";

export const GET = route({ roles: ["approver", "admin"], response: ZWaitingDecisions }, ({ caller }) => listWaitingForDecision(caller));
