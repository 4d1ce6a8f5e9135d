package rules

// The verdict vocabulary of SPEC §5.2, as the rules write it and the
// outputs and `paicha explain` read it.
const (
	Eliminate = "风险消除" // 建议 when every condition holds
	Keep      = "暂不消除" // 建议 otherwise
)
