// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package comment

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/comment"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func CommentActionHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.CommentActionReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.CommentActionResp)(nil), response.InvalidRequest(err))
			return
		}

		l := comment.NewCommentActionLogic(r.Context(), svcCtx)
		resp, err := l.CommentAction(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
